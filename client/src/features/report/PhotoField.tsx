import { useEffect, useMemo, useState } from 'react';
import { compressImage, formatSize, type Photo } from './compress-image';
import { useReportText } from './messages';

interface Props {
  photos: Photo[];
  onChange(photos: Photo[]): void;
  max?: number;
  testId?: string;
  label?: string;
}

/** Camera / gallery input; each photo is compressed on the device and shown with its size. */
export function PhotoField({ photos, onChange, max = 9, testId = 'photos', label }: Props) {
  const { rt } = useReportText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const urls = useMemo(() => photos.map((p) => URL.createObjectURL(p.blob)), [photos]);
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u);
    },
    [urls],
  );

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    const added: Photo[] = [];
    for (const file of Array.from(files).slice(0, max - photos.length)) {
      try {
        added.push(await compressImage(file));
      } catch {
        setError(file.name);
      }
    }
    setBusy(false);
    onChange([...photos, ...added]);
  };

  return (
    <div className="report-photos">
      <label className="photo-add">
        <span>{label ?? rt('addPhotos')}</span>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          data-testid={testId}
          disabled={busy || photos.length >= max}
          onChange={(e) => {
            void add(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      {busy && <span className="muted small">{rt('compressing')}</span>}
      {error && <span className="error small">{error}</span>}
      {photos.length > 0 && (
        <ul className="thumbs">
          {photos.map((p, i) => (
            <li key={urls[i]}>
              <img src={urls[i]} alt={p.name} />
              <span className="small">
                {formatSize(p.blob.size)}
                <span className="muted"> / {formatSize(p.originalSize)}</span>
              </span>
              <button
                type="button"
                className="link small"
                onClick={() => onChange(photos.filter((_, j) => j !== i))}
              >
                {rt('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
