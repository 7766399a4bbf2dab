import { post } from '../api';
import type { Media } from '../types';

/**
 * One upload: ask Herald for a presigned POST, send the file straight to the
 * bucket with progress (XMLHttpRequest, since fetch reports none), then ask
 * Herald to check the bytes. Resolves with the completed media item.
 */
export async function uploadFile(file: File, onProgress: (fraction: number, phase: 'upload' | 'check') => void): Promise<Media> {
  const started = await post<{ id: string; upload: { url: string; fields: Record<string, string> } }>('/api/media', {
    filename: file.name,
    type: file.type || 'application/octet-stream',
    length: file.size,
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(started.upload.fields)) form.append(k, v);
  form.append('file', file);
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', started.upload.url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total, 'upload');
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`the bucket answered ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('the upload was interrupted'));
    xhr.send(form);
  });
  onProgress(1, 'check');
  return post<Media>(`/api/media/${started.id}/complete`, {});
}
