import type { ErrorDetail } from '@wangge/shared/errors';
import type { TLocation } from '@wangge/shared/schemas/common';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import type { Photo } from '../report/compress-image';
import { PhotoField } from '../report/PhotoField';
import { newIdempotencyKey } from '../report/pwa';
import { useCitizenText } from './messages';
import { PublicMapPicker } from './PublicMapPicker';
import {
  fetchPublicCategories,
  type PublicCategory,
  sendPublicReport,
  uploadPublicPhoto,
} from './public-api';

interface Draft {
  key: string;
  categoryCode: string;
  description: string;
  address: string;
  name: string;
  phone: string;
  photos: Photo[];
  point: TLocation | null;
}
const emptyDraft = (): Draft => ({
  key: newIdempotencyKey(),
  categoryCode: '',
  description: '',
  address: '',
  name: '',
  phone: '',
  photos: [],
  point: null,
});

/** The citizens' public report page (#/public/report): no account, phone first. */
export function PublicReportPage() {
  const { ct, locale } = useCitizenText();
  const [categories, setCategories] = useState<PublicCategory[]>([]);
  const [draft, setDraft] = useState(emptyDraft);
  const [busy, setBusy] = useState(false);
  const [gps, setGps] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [code, setCode] = useState<string | null>(null);
  // Photo ids already uploaded for this draft: a retry after a lost answer sends the same ones.
  const uploaded = useRef(new Map<Blob, string>());
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    fetchPublicCategories().then(setCategories, setError);
  }, []);
  useEffect(() => {
    if (code || error) banner.current?.focus();
  }, [code, error]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const label = (c: PublicCategory) => (locale === 'en' ? c.nameEn : c.name);

  const locate = () => {
    if (!('geolocation' in navigator)) return setGps(ct('gpsUnavailable'));
    setGps(ct('locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGps(null);
        set('point', {
          lon: Number(pos.coords.longitude.toFixed(6)),
          lat: Number(pos.coords.latitude.toFixed(6)),
        });
      },
      (e) => setGps(e.code === e.PERMISSION_DENIED ? ct('gpsDenied') : ct('gpsUnavailable')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: ErrorDetail[] = [];
    if (!draft.categoryCode) missing.push({ path: 'categoryCode', message: ct('needCategory') });
    if (draft.description.trim().length < 5)
      missing.push({ path: 'description', message: ct('needDescription') });
    if (!draft.point) missing.push({ path: 'location', message: ct('needLocation') });
    if (missing.length) return setError(new ApiError(400, 'VALIDATION_FAILED', ct('errors'), missing));
    setBusy(true);
    setError(null);
    try {
      const photoIds: string[] = [];
      for (const p of draft.photos) {
        const id = uploaded.current.get(p.blob) ?? (await uploadPublicPhoto(p.blob));
        uploaded.current.set(p.blob, id);
        photoIds.push(id);
      }
      const contact = {
        ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
        ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
      };
      const answer = await sendPublicReport(draft.key, {
        categoryCode: draft.categoryCode,
        description: draft.description.trim(),
        location: draft.point,
        ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
        ...(photoIds.length ? { photoIds } : {}),
        ...(Object.keys(contact).length ? { contact } : {}),
      });
      setCode(answer.trackingCode);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (code)
    return (
      <div className="public-page">
        <h1>{ct('reportTitle')}</h1>
        <div
          ref={banner}
          tabIndex={-1}
          className="notice ok public-done"
          role="status"
          data-testid="public-done"
        >
          <p>{ct('done')}</p>
          <p>
            {ct('codeIs')}
            <strong className="tracking-code" data-testid="tracking-code">
              <D>{code}</D>
            </strong>
          </p>
          <p className="small">{ct('keepCode')}</p>
          <a className="button" href={`#/public/track/${code}`} data-testid="track-link">
            {ct('trackLink')}
          </a>{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setCode(null);
              uploaded.current.clear();
              setDraft(emptyDraft());
            }}
          >
            {ct('another')}
          </button>
        </div>
      </div>
    );

  const majors = categories.filter((c) => c.parentCode === null);
  return (
    <div className="public-page">
      <h1>{ct('reportTitle')}</h1>
      <p className="muted">{ct('reportIntro')}</p>
      <div ref={banner} tabIndex={-1}>
        {error ? <ErrorNotice error={error} testId="public-error" /> : null}
      </div>
      <form onSubmit={submit} className="public-form" noValidate>
        <label>
          <span className="field-label">{ct('category')}</span>
          <select
            name="categoryCode"
            data-testid="public-category"
            value={draft.categoryCode}
            onChange={(e) => set('categoryCode', e.target.value)}
          >
            <option value="">{ct('categoryPick')}</option>
            {majors.map((m) => (
              <optgroup key={m.code} label={label(m)}>
                {categories
                  .filter((c) => c.parentCode === m.code)
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {label(c)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{ct('description')}</span>
          <textarea
            name="description"
            rows={4}
            maxLength={1000}
            placeholder={ct('descriptionHint')}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{ct('photos')}</legend>
          <PhotoField
            photos={draft.photos}
            onChange={(p) => set('photos', p)}
            max={3}
            testId="public-photos"
          />
        </fieldset>
        <fieldset>
          <legend>{ct('location')}</legend>
          <button type="button" onClick={locate} data-testid="public-gps">
            {ct('useGps')}
          </button>
          {gps && (
            <p className="small" role="status">
              {gps}
            </p>
          )}
          <p className="muted small">{ct('mapHint')}</p>
          <PublicMapPicker point={draft.point} onPick={(p) => set('point', p)} label={ct('location')} />
          <p className="small" data-testid="public-point">
            {draft.point
              ? `${ct('pointChosen')}：${draft.point.lat.toFixed(5)}, ${draft.point.lon.toFixed(5)}`
              : ct('noPoint')}
          </p>
          <label>
            <span className="field-label">{ct('address')}</span>
            <input
              name="address"
              maxLength={200}
              value={draft.address}
              onChange={(e) => set('address', e.target.value)}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>{ct('contact')}</legend>
          <p className="muted small">{ct('contactHint')}</p>
          <label>
            <span className="field-label">{ct('contactName')}</span>
            <input
              name="contactName"
              maxLength={40}
              autoComplete="name"
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
            />
          </label>
          <label>
            <span className="field-label">{ct('contactPhone')}</span>
            <input
              name="contactPhone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              maxLength={20}
              value={draft.phone}
              onChange={(e) => set('phone', e.target.value)}
            />
          </label>
        </fieldset>
        <button type="submit" className="submit-big" data-testid="public-submit" disabled={busy}>
          {busy ? ct('sending') : ct('submit')}
        </button>
      </form>
    </div>
  );
}
