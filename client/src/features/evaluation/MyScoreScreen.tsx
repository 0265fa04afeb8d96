import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from '../auth/auth';
import { ApiErrorNotice } from './ApiErrorNotice';
import { currentMonth, fetchMyScore, type GridWorkerScore } from './evaluation-api';
import { MonthPicker } from './MonthPicker';
import { useEvalText } from './messages';
import { ScoreCard } from './ScoreCard';
import { useWorkLogSent, useWorkLogSync } from './worklog-queue';
import './evaluation.css';

/** 我的考评: the grid worker's own score for this month (live) or a past month. */
export function MyScoreScreen(_props: { params: string[] }) {
  const { me } = useAuth();
  const { et } = useEvalText();
  const [thisMonth] = useState(() => currentMonth());
  const [month, setMonth] = useState(thisMonth);
  const [score, setScore] = useState<GridWorkerScore | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  // Records waiting offline are sent from here too, and the score follows them.
  useWorkLogSync(me?.id ?? '');

  const asked = useRef(0);
  const load = useCallback(() => {
    // Only the answer to the latest question is shown (months can be flipped quickly).
    const id = ++asked.current;
    setError(null);
    setLoading(true);
    fetchMyScore(month, me?.id ?? '')
      .then(
        (s) => id === asked.current && setScore(s),
        (e: unknown) => {
          if (id !== asked.current) return;
          setScore(null);
          setError(e);
        },
      )
      .finally(() => id === asked.current && setLoading(false));
  }, [month, me?.id]);
  useEffect(load, [load]);
  useWorkLogSent(load);

  return (
    <div className="eval eval-phone my-score">
      <header className="eval-head">
        <h1>{et('scoreTitle')}</h1>
        <MonthPicker value={month} last={thisMonth} onChange={setMonth} />
      </header>
      {month === thisMonth && <p className="muted small">{et('liveScore')}</p>}
      <ApiErrorNotice error={error} />
      {loading && !score && <p className="muted">{et('loading')}</p>}
      {score && <ScoreCard score={score} />}
    </div>
  );
}
