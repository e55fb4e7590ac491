-- Headless Neovim (0.7 or later) as a second real LSP client for authelia-language-server.
-- Run by scripts/e2e.mjs as:
--   AUTHELIA_E2E_SERVER=dist/server.js AUTHELIA_E2E_WORKSPACE=test/e2e/workspace \
--     nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/neovim.lua'
-- It opens the workspace's Authelia config and a Home Assistant config, then checks the
-- diagnostics (rule ids and lines), a hover and the Redis quick fix. It ends with `cquit N`:
-- 0 when every check passed, otherwise the number of failed checks.

local server = assert(os.getenv('AUTHELIA_E2E_SERVER'), 'AUTHELIA_E2E_SERVER is not set')
local workspace = assert(os.getenv('AUTHELIA_E2E_WORKSPACE'), 'AUTHELIA_E2E_WORKSPACE is not set')
local config_path = workspace .. '/authelia/configuration.yml'
local other_path = workspace .. '/homeassistant/configuration.yaml'
local TIMEOUT_MS = 10000

local failures = 0
local function report(ok, what, detail)
  if not ok then failures = failures + 1 end
  io.stdout:write(string.format('  %s %s%s\n', ok and 'ok  ' or 'FAIL', what,
    detail and (': ' .. detail) or ''))
end

local function finish()
  io.stdout:write(failures == 0 and 'neovim: all checks passed\n'
    or string.format('neovim: %d check(s) failed\n', failures))
  vim.cmd('cquit ' .. failures)
end

-- Any Lua error also ends the run red instead of leaving Neovim waiting.
local ok, err = pcall(function()
  io.stdout:write(string.format('neovim %s, server %s\n', tostring(vim.version().major) .. '.' ..
    tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), server))

  local client_id = vim.lsp.start_client({
    name = 'authelia',
    cmd = { 'node', server, '--stdio' },
    root_dir = workspace,
    settings = { authelia = { deployment = 'highAvailability', version = '4.39' } },
  })
  report(client_id ~= nil, 'the server starts')
  if not client_id then return end

  -- The non-Authelia file is opened first, so the server has handled it before the config.
  vim.cmd('edit ' .. vim.fn.fnameescape(other_path))
  local other = vim.api.nvim_get_current_buf()
  vim.bo[other].filetype = 'yaml'
  vim.lsp.buf_attach_client(other, client_id)

  vim.cmd('edit ' .. vim.fn.fnameescape(config_path))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'yaml'
  vim.lsp.buf_attach_client(buf, client_id)

  -- Diagnostics: the rule ids and 0-based lines the workspace config must produce.
  local expected = {
    { code = 'ha/auth-file-password-reset', line = 7 },
    { code = 'ha/auth-file-password-change', line = 7 },
    { code = 'ha/auth-file', line = 8 },
    { code = 'ha/session-memory', line = 14 },
    { code = 'ha/storage-sqlite', line = 20 },
    { code = 'ha/notifier-filesystem', line = 24 },
  }
  local arrived = vim.wait(TIMEOUT_MS, function()
    return #vim.diagnostic.get(buf) >= #expected
  end, 20)
  -- (All diagnostics of a version arrive in one publishDiagnostics notification.)
  local diagnostics = vim.diagnostic.get(buf)
  report(arrived, 'diagnostics arrive', string.format('%d of %d', #diagnostics, #expected))

  local function code_of(diagnostic)
    local lsp = diagnostic.user_data and diagnostic.user_data.lsp
    return diagnostic.code or (lsp and lsp.code)
  end
  for _, d in ipairs(diagnostics) do
    io.stdout:write(string.format('    %d:%d %s [%s]\n', d.lnum + 1, d.col + 1,
      vim.diagnostic.severity[d.severity], tostring(code_of(d))))
  end
  local session_diagnostic
  for _, want in ipairs(expected) do
    local found
    for _, d in ipairs(diagnostics) do
      if code_of(d) == want.code and d.lnum == want.line then found = d end
    end
    report(found ~= nil, string.format('%s on line %d', want.code, want.line + 1))
    if want.code == 'ha/session-memory' then session_diagnostic = found end
  end
  -- Other rule families (yaml/*, secret/*, ...) may report on this file too; the ha/* findings
  -- must be exactly the expected ones.
  local ha = 0
  for _, d in ipairs(diagnostics) do
    if tostring(code_of(d)):find('^ha/') then ha = ha + 1 end
  end
  report(ha == #expected, 'no other ha/* diagnostics', tostring(ha))
  report(#vim.diagnostic.get(other) == 0, 'the Home Assistant config gets no diagnostics',
    tostring(#vim.diagnostic.get(other)))

  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(buf)

  -- Hover over `local` (line 21, column 3): BREAKING and the way out.
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = 20, character = 3 },
  }, TIMEOUT_MS, buf)
  local contents = hover and hover.result and hover.result.contents
  local text = type(contents) == 'table' and (contents.value or vim.inspect(contents))
    or tostring(contents)
  report(text:find('BREAKING', 1, true) ~= nil, 'hover on `local` says BREAKING',
    text:sub(1, 80):gsub('\n', ' '))
  report(text:find('Way out', 1, true) ~= nil and text:find('storage.postgres', 1, true) ~= nil,
    'hover on `local` gives the way out (storage.postgres)')

  -- Code actions on `session`: the Redis quick fix is offered for ha/session-memory. The
  -- diagnostics go back in LSP form, as `vim.lsp.buf.code_action()` sends them.
  if session_diagnostic then
    local lsp_diagnostic
    for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(buf, 14, {}, client_id)) do
      if d.code == 'ha/session-memory' then lsp_diagnostic = d end
    end
    lsp_diagnostic = lsp_diagnostic or {
      range = {
        start = { line = session_diagnostic.lnum, character = session_diagnostic.col },
        ['end'] = { line = session_diagnostic.end_lnum, character = session_diagnostic.end_col },
      },
      severity = session_diagnostic.severity,
      code = session_diagnostic.code,
      source = session_diagnostic.source,
      message = session_diagnostic.message,
    }
    local actions = client.request_sync('textDocument/codeAction', {
      textDocument = { uri = uri },
      range = lsp_diagnostic.range,
      context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } },
    }, TIMEOUT_MS, buf)
    local titles = {}
    local redis
    for _, action in ipairs(actions and actions.result or {}) do
      table.insert(titles, action.title)
      if action.title:find('Redis', 1, true) and action.edit then redis = action end
    end
    report(redis ~= nil, 'the Redis quick fix is offered on `session`',
      table.concat(titles, '; '))
    if redis then
      local edits = redis.edit.changes and redis.edit.changes[uri] or {}
      local inserted = ''
      for _, edit in ipairs(edits) do inserted = inserted .. edit.newText end
      report(inserted:find('redis:', 1, true) ~= nil, 'the fix adds a redis block')
    end
  else
    report(false, 'the Redis quick fix is offered on `session`', 'no ha/session-memory diagnostic')
  end

  client.stop()
end)
if not ok then report(false, 'the Lua script ran', tostring(err)) end
finish()
