import { COMPONENT_ATTRIBUTE, COMPONENT_CATEGORIES } from '@wangge/shared/open311/services';
import { COMPONENT_CLASSES } from '@wangge/shared/register/components';
import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { listOpen311Services } from './list-open311-services';

/** One attribute of a service definition, in the specification's fields. */
export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
}

/**
 * GET services/{code}: a service's extra fields. Categories about a city component ask for the
 * code on its plate (optional: a citizen may not see it), so the case names the component;
 * other services have none.
 */
export async function getOpen311ServiceDefinition(
  ctx: AppContext,
  serviceCode: string,
): Promise<{ service_code: string; attributes: Open311Attribute[] }> {
  const services = await listOpen311Services(ctx);
  if (!services.some((s) => s.service_code === serviceCode)) throw notFound('No such service_code.');
  const classes = COMPONENT_CATEGORIES[serviceCode];
  const names = COMPONENT_CLASSES.filter((c) => classes?.includes(c.code));
  return {
    service_code: serviceCode,
    attributes: classes
      ? [
          {
            variable: true,
            code: COMPONENT_ATTRIBUTE,
            datatype: 'string',
            required: false,
            datatype_description: '部件标识牌上印的编码。The code printed on the component’s plate.',
            order: 1,
            description: `部件编码（${names.map((c) => c.zh).join('、')}）Component code (${names.map((c) => c.en).join(', ')})`,
          },
        ]
      : [],
  };
}
