// Asks the server jar which workspace/executeCommand commands it offers (initialize →
// executeCommandProvider.commands), so the end-to-end test knows whether the live half can run.
import { spawn } from 'node:child_process';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';

export async function serverCommands(jar, timeoutMs = 60_000) {
  const server = spawn('java', ['-jar', jar, 'lsp'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  let timer;
  try {
    const result = await Promise.race([
      connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the server did not answer initialize within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return result?.capabilities?.executeCommandProvider?.commands ?? [];
  } finally {
    clearTimeout(timer);
    connection.dispose();
    server.kill('SIGKILL');
  }
}
