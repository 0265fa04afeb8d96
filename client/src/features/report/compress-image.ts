/** A photo ready to upload: JPEG bytes plus a preview URL for the thumbnail. */
export interface Photo {
  blob: Blob;
  name: string;
  originalSize: number;
}

const MAX_SIDE = 1600;
const QUALITY = 0.8;

/**
 * Re-encodes a camera photo as JPEG with its longest side at most 1600 px: phone photos of
 * 4–8 MB become a few hundred KB, which matters on a weak mobile connection.
 */
export async function compressImage(file: File): Promise<Photo> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('canvas unavailable');
  g.fillStyle = '#fff'; // transparent PNG areas would turn black in JPEG
  g.fillRect(0, 0, width, height);
  g.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  if (!blob) throw new Error('compression failed');
  const name = `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;
  return { blob, name, originalSize: file.size };
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
