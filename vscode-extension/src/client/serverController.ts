// Starts, restarts and stops the RaftLens server (the jar this extension carries, on Java 17+), and
// routes the live commands: argument objects are completed here (file, node, launch settings)
// before the language client sends them as workspace/executeCommand.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { ArchiveRunner, archiveFile, archiveState, archiveVmArgs, makeArchive } from '../java/classData';
import { findJava } from '../java/javaDiscovery';
import { archiveKey, nodeArchiveRunner } from '../java/nodeArchiveRunner';
import { nodeProbe } from '../java/nodeProbe';
import { ATTACH, LAUNCH, LIVE_COMMANDS, attachSummary, isTimelineCommand, resolveArgument } from '../live/commandArgs';
import { isLiveRoleHint } from '../live/decorationModel';
import { isRaftLogLine, serverLogLevel } from '../live/electionLog';
import { NETWORK_STATUS_NOTIFICATION } from '../live/networkStatus';
import type { NodeItem } from '../live/treeModel';
import { documentFilterMiddleware, targetDocument } from './documentFilter';
import { launchConfig, launchSettings, serverSettings } from './settings';

export interface ServerEvents {
  networkStatus(params: unknown): void;
  /** the server stopped or restarted: every network it ran is gone */
  serverGone(): void;
  /** nodes of a running network to choose from when a node command has none */
  nodeChoices(uri: string): NodeItem[];
  /** one line of the server's Raft log (the etcd/Fabric election log) */
  raftLog(line: string): void;
  /** shows a timeline the server returned (its code lens "Election timeline" runs the command) */
  showTimeline(uri: string, answer: unknown): Promise<void>;
  /** whether this client draws the live state of that file itself (decorations) */
  drawsLiveState(uri: string): boolean;
}

function lines(input: Readable, each: (line: string) => void): void {
  readline.createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 }).on('line', each);
}

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** set once start() ran: before that no RaftLens file was opened and the server is not needed */
  private attempted = false;
  private fallbacks: vscode.Disposable[] = [];
  private serverCommands: string[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly events: ServerEvents,
  ) {}

  /** the server's executeCommandProvider.commands */
  get commands(): readonly string[] {
    return this.serverCommands;
  }

  async start(): Promise<boolean> {
    this.attempted = true;
    // the language client registers the commands the server offers: nothing of ours may hold them
    this.disposeFallbacks();
    this.serverCommands = [];
    const jar = this.context.asAbsolutePath('server/raftlens.jar');
    if (!fs.existsSync(jar)) {
      this.fail(`The server jar is missing from the extension (${jar}).`, 'Reinstall the RaftLens .vsix (npm run package builds it with the jar).');
      return false;
    }
    const config = launchConfig();
    const java = await findJava(config.javaHome, nodeProbe());
    if (!java.ok) {
      this.fail(java.problem.message, java.problem.fix);
      return false;
    }
    this.output.appendLine(`Starting the RaftLens server with Java ${java.runtime.version} from ${java.runtime.source}: ${java.runtime.executable}`);
    // like ./raftlens lsp: start from the class-data archive of this jar and runtime once one was made
    const key = await archiveKey(java.runtime.executable, jar);
    const archive = key && archiveFile(this.context.globalStorageUri.fsPath, key);
    const runner = nodeArchiveRunner();
    const archived = archive ? await archiveState(archive, runner) : 'unavailable';
    const cds = archive && archived === 'ready' ? archiveVmArgs(archive) : [];
    const args = [...cds, ...config.vmArgs, '-jar', jar, 'lsp', ...config.extraArgs];
    const serverOptions: ServerOptions = { run: { command: java.runtime.executable, args }, debug: { command: java.runtime.executable, args } };
    const filter = documentFilterMiddleware(() => this.client);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
      ],
      outputChannel: this.output,
      stdioOptions: {
        stdout: (input, channel) => lines(input, (line) => channel.info(line)),
        // the server logs to stderr: keep each line's level, and copy the Raft log to the elections output
        stderr: (input, channel) =>
          lines(input, (line) => {
            channel[serverLogLevel(line)](line);
            if (isRaftLogLine(line)) {
              this.events.raftLog(line);
            }
          }),
      },
      initializationOptions: serverSettings(),
      synchronize: { configurationSection: 'raftlens' },
      middleware: {
        ...filter,
        provideInlayHints: async (document, range, token, next) => {
          const hints = await filter.provideInlayHints?.(document, range, token, next);
          // the decorations already show each consenter's role: drop the server's textual copy
          return this.events.drawsLiveState(document.uri.toString())
            ? hints?.filter((h) => !(typeof h.label === 'string' && isLiveRoleHint(h.label)))
            : hints;
        },
        executeCommand: (command, args, next) => this.execute(command, args, next),
      },
    };
    const client = new LanguageClient('raftlens', 'RaftLens', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) {
        this.events.serverGone();
      }
    });
    try {
      await client.start();
    } catch (e) {
      this.client = undefined;
      this.fail(`The RaftLens server did not start: ${e instanceof Error ? e.message : String(e)}.`, 'See the RaftLens output for the server log.');
      return false;
    }
    client.onNotification(NETWORK_STATUS_NOTIFICATION, (params) => this.events.networkStatus(params));
    this.serverCommands = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    this.registerFallbacks();
    await vscode.commands.executeCommand('setContext', 'raftlens.liveNetwork', this.serverCommands.includes(LAUNCH));
    this.output.appendLine(`RaftLens server ready; live commands: ${this.serverCommands.join(', ') || 'none'}`);
    if (archive && archived === 'missing') {
      void this.makeArchive(java.runtime.executable, jar, archive, runner);
    }
    return true;
  }

  /** In the background, once per jar and runtime: the next server start then takes about half the time. */
  private async makeArchive(java: string, jar: string, archive: string, runner: ArchiveRunner): Promise<void> {
    this.output.appendLine('Making the class-data archive that later server starts use (once per server jar and Java runtime)…');
    const state = await makeArchive(java, jar, archive, runner, `${process.pid}-${Date.now()}`).catch(() => 'unavailable' as const);
    this.output.appendLine(state === 'ready'
      ? `Class-data archive ready: ${archive}`
      : 'This Java runtime cannot make a class-data archive; the server starts without one.');
  }

  async restart(): Promise<void> {
    await this.stop();
    this.events.serverGone();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) {
      // stopping the server stops the networks it runs; give it time to transfer leadership and close
      await client.stop(10_000).catch((e) => this.output.appendLine(`Stopping the server: ${e}`));
    }
  }

  /** workspace/executeCommand for a server command outside the contributed set (e.g. a timeline) */
  async request(command: string, argument: unknown): Promise<unknown> {
    if (!this.client || !this.serverCommands.includes(command)) {
      return undefined;
    }
    return this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [argument] });
  }

  private async execute(command: string, args: unknown[], next: (command: string, args: unknown[]) => Promise<unknown>): Promise<unknown> {
    if (isTimelineCommand(command)) {
      // VS Code drops what a code lens's command returns: show the server's Markdown here
      const uri = (args[0] as { uri?: unknown } | undefined)?.uri;
      const answer = await next(command, args);
      if (typeof uri === 'string') {
        await this.events.showTimeline(uri, answer);
      }
      return answer;
    }
    if (!LIVE_COMMANDS.includes(command)) {
      return next(command, args);
    }
    const plain = args.map((a) => (a instanceof vscode.Uri ? a.toString() : a));
    const active = targetDocument()?.uri.toString();
    let resolution = resolveArgument(command, plain, active, launchSettings());
    if (resolution.kind === 'needsFile') {
      void vscode.window.showWarningMessage('RaftLens: open a configtx.yaml with an EtcdRaft section first, then run the command again.');
      return undefined;
    }
    if (resolution.kind === 'needsNode') {
      const node = await this.pickNode(resolution.uri, command);
      if (!node) {
        return undefined;
      }
      resolution = resolveArgument(command, [node], active, launchSettings());
    }
    if (resolution.kind !== 'ready') {
      return undefined;
    }
    try {
      const answer = await next(command, [resolution.argument]);
      const summary = command === ATTACH ? attachSummary(answer) : undefined;
      if (summary) {
        void vscode.window.setStatusBarMessage(summary, 8000);
      }
      return answer;
    } catch (e) {
      void vscode.window.showErrorMessage(`RaftLens: ${command.replace('raftlens.', '')} failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private async pickNode(uri: string, command: string): Promise<NodeItem | undefined> {
    const nodes = this.events.nodeChoices(uri);
    if (nodes.length === 0) {
      void vscode.window.showWarningMessage('RaftLens: no network is running for this file. Run "RaftLens: Launch network" first.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      nodes.map((n) => ({ label: n.name, description: `${n.channel} · ${n.description}`, node: n })),
      { title: `RaftLens: ${command.replace('raftlens.', '')}`, placeHolder: 'Which consenter?' },
    );
    return picked?.node;
  }

  /** Contributed live commands the server does not offer get a handler that says so. */
  registerFallbacks(): void {
    this.disposeFallbacks();
    for (const command of LIVE_COMMANDS) {
      if (this.serverCommands.includes(command)) {
        continue;
      }
      this.fallbacks.push(
        vscode.commands.registerCommand(command, () => {
          const why = !this.attempted
            ? 'the server starts with the first configtx*.yaml or orderer*.yaml you open (or a YAML file with a "# raftlens:" modeline). Open one, then run the command again.'
            : this.client
            ? `the running RaftLens server does not offer ${command} (it has: ${this.serverCommands.join(', ') || 'no commands'}). Update the extension to a build with live networks.`
            : 'the RaftLens server is not running. See the RaftLens output, fix the problem shown there, then run "RaftLens: Restart language server".';
          void vscode.window.showWarningMessage(`RaftLens: ${why}`);
        }),
      );
    }
  }

  private disposeFallbacks(): void {
    this.fallbacks.forEach((d) => d.dispose());
    this.fallbacks = [];
  }

  private fail(message: string, fix: string): void {
    this.registerFallbacks();
    this.output.appendLine(`${message} ${fix}`);
    void vscode.window.showErrorMessage(`RaftLens: ${message} ${fix}`, 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'raftlens.java.home');
      } else if (choice === 'Show Output') {
        this.output.show();
      }
    });
  }

  dispose(): void {
    this.disposeFallbacks();
  }
}
