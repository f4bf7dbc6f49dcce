// RaftLens for VS Code: a thin client. The Java server does the work (validation, completion, the
// live network); this side starts it, forwards commands and draws the network state it pushes.
import * as vscode from 'vscode';
import { ServerController } from './client/serverController';
import { RESTART_SETTINGS } from './client/settings';
import { isOurs } from './client/documentFilter';
import { isTimelineCommand } from './live/commandArgs';
import { ElectionLog } from './live/electionLog';
import { NetworkState } from './live/networkState';
import { parseChannelStatus } from './live/networkStatus';
import { NodeItem, TreeItemModel, buildTree } from './live/treeModel';
import { LiveDecorations } from './ui/liveDecorations';
import { NetworkStatusBar } from './ui/networkStatusBar';
import { NetworkTreeProvider } from './ui/networkTree';
import { ContextKeys } from './ui/contextKeys';
import { showTimeline, showTimelineView } from './ui/timelineView';
import { TIMELINE_FROM_LOGS, logSourceChoices, logTimelineArgument, logTimelineViewKey, readLogTimelineAnswer } from './live/logTimeline';
import { networkLabel } from './live/treeModel';
import { normalizeUri } from './ui/uris';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('RaftLens', { log: true });
  const elections = vscode.window.createOutputChannel('RaftLens Elections');
  const state = new NetworkState();
  const log = new ElectionLog();
  const decorations = new LiveDecorations(context, state);
  const statusBar = new NetworkStatusBar(state);
  const tree = new NetworkTreeProvider(state);
  const contextKeys = new ContextKeys(state);
  const view = vscode.window.createTreeView('raftlensNetwork', { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);

  let serverWritesRaftLog = false;
  const redraw = (updated?: string) => {
    decorations.refresh();
    statusBar.refresh(updated);
    tree.refresh();
    contextKeys.refresh();
  };

  controller = new ServerController(context, output, {
    networkStatus(params) {
      const status = parseChannelStatus(params);
      if (!status) {
        output.appendLine(`Ignored a raftlens/networkStatus without a uri: ${JSON.stringify(params)}`);
        return;
      }
      status.uri = normalizeUri(status.uri);
      const derived = log.observe(status, new Date());
      // a server that writes its own Raft log is the better source; these lines stand in for it
      if (!serverWritesRaftLog) {
        derived.forEach((line) => elections.appendLine(line));
      }
      state.apply(status);
      redraw(status.uri);
    },
    serverGone() {
      if (state.uris().length > 0) {
        elections.appendLine('The RaftLens server stopped; the networks it ran are gone.');
      }
      state.clear();
      redraw();
    },
    raftLog(line) {
      serverWritesRaftLog = true;
      elections.appendLine(line);
    },
    showTimeline(uri, answer) {
      return showTimeline(normalizeUri(uri), log, async () => answer);
    },
    drawsLiveState(uri) {
      return state.isRunning(normalizeUri(uri));
    },
    nodeChoices(uri) {
      const nodes: NodeItem[] = [];
      for (const network of buildTree(state).filter((n) => n.uri === normalizeUri(uri))) {
        network.children.forEach((c) => nodes.push(...c.children));
      }
      return nodes;
    },
  });

  const networkFor = (arg: unknown): string | undefined => {
    const item = arg as TreeItemModel | undefined;
    if (item && typeof item.uri === 'string') {
      return item.uri;
    }
    const active = vscode.window.activeTextEditor?.document;
    if (active && isOurs(active)) {
      return active.uri.toString();
    }
    return state.uris()[0];
  };

  context.subscriptions.push(
    output,
    elections,
    decorations,
    statusBar,
    contextKeys,
    view,
    controller,
    vscode.window.onDidChangeActiveTextEditor(() => statusBar.refresh()),
    vscode.commands.registerCommand('raftlens.showElectionLog', () => elections.show(true)),
    vscode.commands.registerCommand('raftlens.restartServer', () => controller?.restart()),
    vscode.commands.registerCommand('raftlens.showElectionTimeline', async (arg?: unknown) => {
      const uri = networkFor(arg);
      if (!uri) {
        void vscode.window.showInformationMessage('RaftLens: open a configtx.yaml or launch a network first; the timeline lists its elections.');
        return;
      }
      await showTimeline(uri, log, async (u) => {
        const command = controller?.commands.find(isTimelineCommand);
        return command ? controller?.request(command, { uri: u }) : undefined;
      });
    }),
    vscode.commands.registerCommand('raftlens.showTimelineFromLogs', async (arg?: unknown) => {
      // the configtx.yaml whose consenters get the findings: the one asked for, else the active one
      const uri = arg instanceof vscode.Uri ? arg.toString() : networkFor(arg);
      if (!uri) {
        void vscode.window.showInformationMessage('RaftLens: open the network\'s configtx.yaml first; the findings of the logs go on its consenters.');
        return;
      }
      let source: 'files' | 'launch' = 'files';
      const choices = logSourceChoices(state.isRunning(normalizeUri(uri)));
      if (choices.length > 1) {
        const picked = await vscode.window.showQuickPick(choices, { title: 'RaftLens: election timeline from which log?' });
        if (!picked) {
          return;
        }
        source = picked.source;
      }
      let paths: string[] = [];
      if (source === 'files') {
        const files = await vscode.window.showOpenDialog({
          canSelectMany: true,
          openLabel: 'Read election timeline',
          title: 'Orderer logs (docker logs, kubectl logs, journal…)',
          filters: { 'Logs': ['log', 'txt', 'json'], 'All files': ['*'] },
        });
        if (!files || files.length === 0) {
          return;
        }
        paths = files.map((f) => f.fsPath);
      }
      const answer = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'RaftLens: reading orderer logs…' },
        async () => controller?.request(TIMELINE_FROM_LOGS, logTimelineArgument(uri, source === 'files' ? { kind: 'files', paths } : { kind: 'launch' })),
      );
      if (answer === undefined) {
        void vscode.window.showWarningMessage('RaftLens: the server is not running or does not offer election timelines from logs; see the RaftLens output.');
        return;
      }
      const result = readLogTimelineAnswer(answer, networkLabel(uri));
      if (result.kind === 'error') {
        return; // the server has shown the error
      }
      showTimelineView(logTimelineViewKey(uri), result.content);
      void vscode.window.setStatusBarMessage(`RaftLens: ${result.summary}`, 8000);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        void vscode.window
          .showInformationMessage('RaftLens: restart the language server to use the new Java settings?', 'Restart')
          .then((choice) => {
            if (choice === 'Restart') {
              void controller?.restart();
            }
          });
      }
    }),
  );

  // The server starts with the first RaftLens file, not with every YAML file that activates us.
  const started = controller;
  const needsServer = (d: vscode.TextDocument) => d.languageId === 'yaml' && (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') && isOurs(d);
  if (vscode.workspace.textDocuments.some(needsServer)) {
    await started.start();
    return;
  }
  started.registerFallbacks();
  const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
    if (needsServer(document)) {
      waiting.dispose();
      void started.start();
    }
  });
  context.subscriptions.push(waiting);
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
