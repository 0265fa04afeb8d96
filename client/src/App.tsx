import { useEffect, useState } from 'react';

interface Health {
  status: string;
  grids: number;
}

/**
 * Placeholder shell until the web client lands: shows that the API is up and how many grid
 * cells it serves. The screens (grid worker, dispatch desk, workbench, live map) come next.
 */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/api/health')
      .then((res) => res.json())
      .then((body: { data: Health }) => setHealth(body.data))
      .catch(() => setError('无法连接服务 / API unreachable'));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif', padding: 24 }}>
      <h1>五级联动智能网格</h1>
      <p>聊城市网格化社会治理事件处置系统</p>
      {health && <p>服务正常：{health.grids.toLocaleString('zh-CN')} 个网格</p>}
      {error && <p role="alert">{error}</p>}
    </main>
  );
}
