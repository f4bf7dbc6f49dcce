// Reads the raftlens.* settings the client and the server use.
import * as vscode from 'vscode';
import type { LaunchSettings } from '../live/commandArgs';

export interface LaunchConfig {
  javaHome: string | null | undefined;
  vmArgs: string[];
  extraArgs: string[];
}

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('raftlens');
}

export function launchConfig(): LaunchConfig {
  const s = section();
  return {
    javaHome: s.get<string | null>('java.home'),
    vmArgs: s.get<string[]>('server.vmArgs', ['-Xmx256m']),
    extraArgs: s.get<string[]>('server.extraArgs', []),
  };
}

/** settings that shape how a network is launched (the launch command's optional fields) */
export function launchSettings(): LaunchSettings {
  const s = section();
  return {
    tick: s.get<string>('network.tick', ''),
    controlPort: s.get<number | null>('network.controlPort', null),
    profile: s.get<string | null>('profile', null),
    attachEndpoints: s.get<Record<string, string>>('attach.endpoints', {}),
    attachAdmin: s.get<Record<string, string>>('attach.admin', {}),
    attachInterval: s.get<string>('attach.interval', ''),
    attachCaFile: s.get<string | null>('attach.tls.caFile', null),
    attachCertFile: s.get<string | null>('attach.tls.certFile', null),
    attachKeyFile: s.get<string | null>('attach.tls.keyFile', null),
  };
}

/** what the server reads from initializationOptions and didChangeConfiguration ({raftlens: {...}}) */
export function serverSettings(): Record<string, unknown> {
  const s = section();
  return {
    raftlens: {
      fabricVersion: s.get<string>('fabricVersion', 'auto'),
      checkFiles: s.get<boolean>('checkFiles', true),
      disabledRules: s.get<string[]>('disabledRules', []),
      profile: s.get<string | null>('profile', null),
      inlayHints: s.get<boolean>('inlayHints', true),
    },
  };
}

/** changing these needs a server restart */
export const RESTART_SETTINGS = ['raftlens.java.home', 'raftlens.server.vmArgs', 'raftlens.server.extraArgs'];
