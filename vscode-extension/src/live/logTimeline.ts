// "Show election timeline from logs…": the server's raftlens.timelineFromLogs reads real orderer logs
// (docker logs / kubectl logs output, Fabric 1.4–3.x, JSON logging) or, with no files, the log of the
// network launched from the file; it answers {title, markdown, svg, json, channels, findings: [...], consenters}
// and publishes the findings as `raftlens-timeline` diagnostics on the file's consenter lines.
import { TimelineContent, parseTimelineAnswer } from './timelinePage';

export const TIMELINE_FROM_LOGS = 'raftlens.timelineFromLogs';

/** where the log comes from: files the user picks, or the running launch's own log */
export type LogSource = { kind: 'files'; paths: string[] } | { kind: 'launch' };

export interface LogSourceChoice {
  label: string;
  description: string;
  source: 'files' | 'launch';
}

/** the choices offered when a network is running from the file (otherwise the file picker opens directly) */
export function logSourceChoices(networkRunning: boolean): LogSourceChoice[] {
  const files: LogSourceChoice = {
    label: 'Orderer log files…',
    description: 'docker logs / kubectl logs output of one or more orderers',
    source: 'files',
  };
  return networkRunning
    ? [{ label: 'The running network', description: 'the log of the network launched from this file', source: 'launch' }, files]
    : [files];
}

/** the command's one argument */
export function logTimelineArgument(uri: string, source: LogSource): { uri: string; logs?: string[] } {
  return source.kind === 'files' ? { uri, logs: [...source.paths] } : { uri };
}

export type LogTimelineResult =
  | { kind: 'shown'; content: TimelineContent; summary: string }
  | { kind: 'error'; message: string };

/** Reads the server's answer: an error it reported, or what the timeline view shows and a one-line summary. */
export function readLogTimelineAnswer(answer: unknown, fileLabel: string): LogTimelineResult {
  if (answer && typeof answer === 'object' && typeof (answer as { error?: unknown }).error === 'string') {
    return { kind: 'error', message: (answer as { error: string }).error };
  }
  const content = parseTimelineAnswer(answer);
  if (!content) {
    return { kind: 'error', message: 'the server answered without a timeline (is the RaftLens server up to date?)' };
  }
  const a = answer as Record<string, unknown>;
  // the server lists the findings ({channel, kind, severity, node, message}); a count is read too
  const findings = Array.isArray(a.findings) ? a.findings.length : typeof a.findings === 'number' ? a.findings : 0;
  const channels = Array.isArray(a.channels) ? a.channels.length : 0;
  const consenters = a.consenters && typeof a.consenters === 'object' ? Object.keys(a.consenters).length : 0;
  const summary = channels === 0
    ? 'no Raft election lines in these logs'
    : `${channels} channel${channels === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'}`
      + (consenters > 0 ? `, ${consenters} log node${consenters === 1 ? '' : 's'} matched to consenters of ${fileLabel}` : `; no log node matched a consenter of ${fileLabel}`);
  return { kind: 'shown', content: { title: content.title ?? 'Election timeline from logs', ...content }, summary };
}

/** the view key: one panel per configuration file for its log timelines, apart from its live network's */
export function logTimelineViewKey(uri: string): string {
  return `logs:${uri}`;
}
