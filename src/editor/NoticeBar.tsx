/** One transient message (refused connection, run result, open errors); click to dismiss. */
import { useEffect } from 'react';
import { useEditor, useStudio } from './studioContext';

export function NoticeBar() {
  const { store } = useStudio();
  const notice = useEditor((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => store.dismissNotice(notice.id), notice.tone === 'error' ? 9000 : 5000);
    return () => clearTimeout(t);
  }, [notice, store]);
  if (!notice) return null;
  return (
    <div
      className={`notice notice-${notice.tone}`}
      data-testid="notice"
      role={notice.tone === 'error' ? 'alert' : 'status'}
      onClick={() => store.dismissNotice(notice.id)}
    >
      {notice.text}
    </div>
  );
}
