import { HOTLINE_REQUEST_TYPES, type HotlineRequestType } from '@wangge/shared/schemas/hotline';
import { useTable } from '../../i18n/i18n';
import { HOTLINE_EN, HOTLINE_ZH, REQUEST_TYPE_LABELS } from './messages';
import './hotline.css';

/** The caller of a call being taken at the 12345 desk, as the report form keeps it. */
export interface CallerDraft {
  requestType: HotlineRequestType | '';
  name: string;
  phone: string;
}
export const emptyCaller = (): CallerDraft => ({ requestType: '', name: '', phone: '' });

/** The body's `caller` from the draft: blank fields left out (the server checks the rest). */
export function callerBody(c: CallerDraft) {
  return {
    // The form checks a type was chosen before it sends.
    requestType: c.requestType as HotlineRequestType,
    ...(c.name.trim() ? { name: c.name.trim() } : {}),
    ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
  };
}

/** 来电信息: request type, caller name and phone — the hotline operator's block of the report form. */
export function CallerFields({ value, onChange }: { value: CallerDraft; onChange(v: CallerDraft): void }) {
  const { text, locale } = useTable(HOTLINE_ZH, HOTLINE_EN);
  const set = <K extends keyof CallerDraft>(k: K, v: CallerDraft[K]) => onChange({ ...value, [k]: v });
  return (
    <fieldset className="caller-fields" data-testid="caller-fields">
      <legend>{text('callerLegend')}</legend>
      <fieldset>
        <legend>{text('requestType')}</legend>
        <div className="segmented">
          {HOTLINE_REQUEST_TYPES.map((t) => (
            <label key={t} className={value.requestType === t ? 'on' : ''}>
              <input
                type="radio"
                name="requestType"
                value={t}
                checked={value.requestType === t}
                onChange={() => set('requestType', t)}
              />
              {REQUEST_TYPE_LABELS[t][locale === 'en' ? 1 : 0]}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        <span className="field-label">{text('callerName')}</span>
        <input
          name="callerName"
          maxLength={50}
          autoComplete="off"
          value={value.name}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      <label>
        <span className="field-label">{text('callerPhone')}</span>
        <input
          name="callerPhone"
          type="tel"
          maxLength={30}
          autoComplete="off"
          value={value.phone}
          onChange={(e) => set('phone', e.target.value)}
        />
      </label>
    </fieldset>
  );
}
