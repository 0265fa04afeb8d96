import type { AppContext } from '../../context';
import { channelUser } from '../channels/channel-user';

/**
 * The citizens' channel account (`channel.citizen`): it holds the public page's photo uploads
 * and reports the registered submissions as cases. Nobody can sign in as it.
 */
export const citizenChannelUser = (ctx: AppContext) => channelUser(ctx, 'citizen', '群众上报（公众页面）');
