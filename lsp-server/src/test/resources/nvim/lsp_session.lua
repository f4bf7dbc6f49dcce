-- Drives the RaftLens language server from a real Neovim (0.7 API, headless): opens a sample and a
-- broken file, waits for their diagnostics, asks for a completion and a hover, writes what it got as JSON.
local out = vim.env.OUT
local cmd = vim.fn.json_decode(vim.env.LSP_CMD_JSON)
local published = {}
local client_id = vim.lsp.start_client({
  name = 'raftlens',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(vim.env.BROKEN, ':p:h'),
  init_options = { raftlens = { fabricVersion = '3' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, params)
      published[params.uri] = params
    end,
  },
})
assert(client_id, 'start_client failed')

local result = { nvim = vim.version() }
local bufs = {}
for _, name in ipairs({ 'sample', 'broken' }) do
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env[string.upper(name)]))
  local b = vim.api.nvim_get_current_buf()
  vim.bo[b].filetype = 'yaml'
  vim.lsp.buf_attach_client(b, client_id)
  bufs[name] = b
end
for name, b in pairs(bufs) do
  local uri = vim.uri_from_bufnr(b)
  vim.wait(30000, function() return published[uri] ~= nil end, 50)
  result[name .. '_diagnostics'] = published[uri] and published[uri].diagnostics or 'none published'
end

local function request(b, method, line, character)
  local res = vim.lsp.buf_request_sync(b, method, {
    textDocument = { uri = vim.uri_from_bufnr(b) },
    position = { line = line, character = character },
  }, 15000)
  for _, r in pairs(res or {}) do
    return r.result or r.err
  end
  return 'no response'
end

local completion = request(bufs.broken, 'textDocument/completion',
  tonumber(vim.env.COMPLETION_LINE), tonumber(vim.env.COMPLETION_CHAR))
local labels = {}
for _, item in ipairs((completion and completion.items) or completion or {}) do
  table.insert(labels, item.label)
end
result.completion_labels = labels
result.hover = request(bufs.sample, 'textDocument/hover', tonumber(vim.env.HOVER_LINE), tonumber(vim.env.HOVER_CHAR))

local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.get_client_by_id(client_id).stop()
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
