import { useEffect, useState } from 'react';
import { getToken } from '../../lib/api';

/** An attachment image: fetched with the bearer token (an <img src> cannot send it). */
export function AuthImage({ url, alt }: { url: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let revoked = false;
    let objectUrl: string | null = null;
    fetch(url, { headers: { authorization: `Bearer ${getToken() ?? ''}` } })
      .then((res) => (res.ok ? res.blob() : null))
      .then((blob) => {
        if (!blob || revoked) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return src ? <img src={src} alt={alt} className="photo" /> : <span className="photo placeholder" />;
}
