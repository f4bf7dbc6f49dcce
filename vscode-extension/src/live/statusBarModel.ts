// The status bar item: the network of the active file, else the most recently updated one.
import { NetworkState, hasQuorum, summarize } from './networkState';
import { shortName } from './networkStatus';

export interface StatusBarModel {
  text: string;
  tooltip: string;
  /** no leader or no quorum: shown with the warning background */
  warning: boolean;
}

export function statusBarModel(state: NetworkState, activeUri: string | undefined, lastUpdatedUri: string | undefined): StatusBarModel | undefined {
  const candidates = [activeUri, lastUpdatedUri, ...state.uris()];
  const uri = candidates.find((u): u is string => u !== undefined && state.isRunning(u));
  if (!uri) {
    return undefined;
  }
  const channels = state.channels(uri).map(summarize);
  const main = channels[0];
  const leader = main.leader ? shortName(main.leader.name) : 'no leader';
  const icon = main.leader && hasQuorum(main) ? '$(pulse)' : '$(warning)';
  const more = channels.length > 1 ? ` +${channels.length - 1}` : '';
  if (main.attached) {
    // running orderers followed through their operations endpoints: no term (Fabric's metrics have none)
    const attachedLines = channels.map(
      (c) => `${c.channel}: ${c.leader ? `leader ${c.leader.name}` : 'no leader'}, ${c.up}/${c.total} orderers answering, height ${c.height}` +
        (hasQuorum(c) ? '' : ' — quorum at risk'),
    );
    return {
      text: `${icon} Raft ${main.channel}${more}: ${leader} · ${main.up}/${main.total} answering · attached`,
      tooltip: `${attachedLines.join('\n')}\nAttached to running orderers (read-only). Click to open the Raft Network view.`,
      warning: channels.some((c) => !c.leader || !hasQuorum(c)),
    };
  }
  const lines = channels.map(
    (c) => `${c.channel}: ${c.leader ? `leader ${c.leader.name}` : 'no leader'}, term ${c.term}, ${c.up}/${c.total} nodes up, height ${c.height}` +
      (hasQuorum(c) ? '' : ' — quorum lost, ordering halted'),
  );
  return {
    text: `${icon} Raft ${main.channel}${more}: ${leader} · term ${main.term} · ${main.up}/${main.total} up`,
    tooltip: `${lines.join('\n')}\nClick to open the Raft Network view.`,
    warning: channels.some((c) => !c.leader || !hasQuorum(c)),
  };
}
