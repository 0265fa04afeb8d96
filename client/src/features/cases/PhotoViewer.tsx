import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { AuthImage } from './AuthImage';

export interface Photo {
  id: string;
  url: string;
  caption: string;
}

/**
 * Thumbnails that open full screen: a modal dialog with the photo as large as the screen allows,
 * previous / next (buttons, arrow keys, the whole set of the case), Esc or the close button to leave.
 */
export function PhotoStrip({ photos, all }: { photos: Photo[]; all?: Photo[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const set = all ?? photos;
  return (
    <>
      <div className="photos">
        {photos.map((p) => (
          <button
            key={p.id}
            type="button"
            className="photo-button"
            data-testid="photo-thumb"
            onClick={() => setOpen(set.findIndex((x) => x.id === p.id))}
          >
            <AuthImage url={p.url} alt={p.caption} />
          </button>
        ))}
      </div>
      {open !== null && open >= 0 && (
        <PhotoViewer photos={set} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      )}
    </>
  );
}

function PhotoViewer({
  photos,
  index,
  onIndex,
  onClose,
}: {
  photos: Photo[];
  index: number;
  onIndex(i: number): void;
  onClose(): void;
}) {
  const { locale } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const go = (d: number) => onIndex((index + d + photos.length) % photos.length);
  const photo = photos[index];
  if (!photo) return null;
  const en = locale === 'en';
  return (
    <dialog
      ref={dialog}
      className="photo-viewer"
      data-testid="photo-viewer"
      aria-label={photo.caption}
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') go(1);
        if (e.key === 'ArrowLeft') go(-1);
      }}
    >
      <AuthImage url={photo.url} alt={photo.caption} />
      <p className="photo-caption">
        {photo.caption} · {index + 1}/{photos.length}
      </p>
      <div className="row">
        {photos.length > 1 && (
          <>
            <button type="button" onClick={() => go(-1)}>
              {en ? 'Previous' : '上一张'}
            </button>
            <button type="button" onClick={() => go(1)}>
              {en ? 'Next' : '下一张'}
            </button>
          </>
        )}
        <button type="button" className="primary" onClick={() => dialog.current?.close()}>
          {en ? 'Close' : '关闭'}
        </button>
      </div>
    </dialog>
  );
}
