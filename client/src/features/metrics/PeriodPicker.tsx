import { useState } from 'react';
import { useMetricsText } from './messages';
import { type Period, presetPeriod } from './metrics-api';

type Preset = 'thisMonth' | 'lastMonth' | 'custom';

/** This month / last month / a custom range of days (`to` inclusive). */
export function PeriodPicker({ value, onChange }: { value: Period; onChange(p: Period): void }) {
  const mt = useMetricsText();
  const [preset, setPreset] = useState<Preset>('thisMonth');
  const choose = (p: Preset) => {
    setPreset(p);
    if (p !== 'custom') onChange(presetPeriod(p));
  };
  return (
    <fieldset className="metrics-period">
      {(['thisMonth', 'lastMonth', 'custom'] as const).map((p) => (
        <label key={p} className="inline">
          <input type="radio" name="period" checked={preset === p} onChange={() => choose(p)} />
          {mt(p)}
        </label>
      ))}
      {preset === 'custom' && (
        <>
          <label className="inline">
            {mt('from')}
            <input
              type="date"
              value={value.from}
              max={value.to}
              onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })}
            />
          </label>
          <label className="inline">
            {mt('to')}
            <input
              type="date"
              value={value.to}
              min={value.from}
              onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })}
            />
          </label>
        </>
      )}
    </fieldset>
  );
}
