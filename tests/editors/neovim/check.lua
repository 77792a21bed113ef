-- Headless Neovim test of EgressLsp with the built-in client and the README's configuration (egresslsp.lua):
-- diagnostics for the fixture's deliberate mistake, a completion that fixes it, and the egressLsp.expand command.
-- Run: nvim --headless --clean -c "luafile check.lua" (see neovim.test.mjs). Exit code 0 = passed.
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local policy = vim.env.EGRESS_POLICY
local failures = 0

local function say(text) io.stderr:write(text .. '\n') end
local function check(name, ok, detail)
  if ok then say('ok - ' .. name) else failures = failures + 1; say('not ok - ' .. name .. (detail and (': ' .. detail) or '')) end
  return ok
end
local function finish()
  say(failures == 0 and 'neovim: all checks passed' or ('neovim: ' .. failures .. ' check(s) failed'))
  vim.cmd('cquit ' .. (failures == 0 and 0 or 1))
end

local started = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - started) / 1e6) end

dofile(here .. '/egresslsp.lua')
vim.cmd('edit ' .. vim.fn.fnameescape(policy))
local buf = vim.api.nvim_get_current_buf()

-- 1. The client starts and attaches (FileType yaml autocmd).
local client
local attached = vim.wait(10000, function()
  client = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf })[1] or vim.tbl_values(vim.lsp.buf_get_clients(buf))[1]
  return client ~= nil and client.server_capabilities ~= nil
end, 20)
if not check('the server starts and attaches to the YAML buffer', attached) then return finish() end
say(('# attached after %d ms'):format(ms()))

local function alive() return vim.lsp.get_client_by_id(client.id) ~= nil end
local function diagnostics_with(code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == code) then return d end
  end
end

-- 2. Diagnostics: EGP005 on "protocol: HTTPX".
local mistake
vim.wait(10000, function() mistake = diagnostics_with('EGP005'); return mistake ~= nil or not alive() end, 20)
if not check('EGP005 is reported for the deliberate mistake', mistake ~= nil,
  vim.inspect(vim.tbl_map(function(d) return d.message end, vim.diagnostic.get(buf)))) then return finish() end
check('the diagnostic is on the protocol value', vim.api.nvim_buf_get_lines(buf, mistake.lnum, mistake.lnum + 1, false)[1]:find('HTTPX', 1, true) ~= nil)
say(('# diagnostics after %d ms: %s'):format(ms(), mistake.message))

-- 3. Completion at the protocol value: the allowed values; applying HTTP fixes the mistake.
local line = vim.api.nvim_buf_get_lines(buf, mistake.lnum, mistake.lnum + 1, false)[1]
local value_start = line:find('HTTPX', 1, true) - 1
vim.api.nvim_buf_set_text(buf, mistake.lnum, value_start, mistake.lnum, value_start + #'HTTPX', { '' })
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = mistake.lnum, character = value_start } }
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 5000) or {}
local items = {}
for _, response in pairs(responses) do
  local result = response.result or {}
  for _, item in ipairs(result.items or result) do table.insert(items, item) end
end
local http
for _, item in ipairs(items) do if item.label == 'HTTP' then http = item end end
check('completion offers the allowed protocols', http ~= nil and #items >= 5,
  vim.inspect(vim.tbl_map(function(i) return i.label end, items)))
if http then
  if http.textEdit then
    vim.lsp.util.apply_text_edits({ { range = http.textEdit.range or http.textEdit.replace, newText = http.textEdit.newText } }, buf, 'utf-16')
  else
    vim.api.nvim_buf_set_text(buf, mistake.lnum, value_start, mistake.lnum, value_start, { http.insertText or http.label })
  end
end
local fixed_line = vim.api.nvim_buf_get_lines(buf, mistake.lnum, mistake.lnum + 1, false)[1]
check('the accepted completion writes the value', fixed_line:match('protocol:%s*HTTP%s*$') ~= nil, fixed_line)
local function errors() return #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) end
local cleared = vim.wait(10000, function() return errors() == 0 or not alive() end, 20) and alive()
check('no error is left', cleared, vim.inspect(vim.tbl_map(function(d) return d.message end, vim.diagnostic.get(buf))))

-- 4. workspace/executeCommand egressLsp.expand: the Istio resources as YAML.
local expand_params = { command = 'egressLsp.expand', arguments = { { uri = vim.uri_from_bufnr(buf) } } }
local expanded = vim.lsp.buf_request_sync(buf, 'workspace/executeCommand', expand_params, 5000) or {}
local yaml, err
for _, response in pairs(expanded) do yaml = response.result; err = response.err end
check('egressLsp.expand returns the Istio resources', type(yaml) == 'string'
  and yaml:find('kind: ServiceEntry', 1, true) and yaml:find('kind: Gateway', 1, true)
  and yaml:find('kind: VirtualService', 1, true) and yaml:find('kind: DestinationRule', 1, true),
  err and vim.inspect(err) or tostring(yaml))

-- 5. :EgressExpand from the configuration opens the same YAML in a scratch split.
vim.cmd('EgressExpand')
local shown = vim.wait(5000, function()
  local current = vim.api.nvim_get_current_buf()
  return current ~= buf and table.concat(vim.api.nvim_buf_get_lines(current, 0, -1, false), '\n'):find('kind: ServiceEntry', 1, true) ~= nil
end, 20)
check(':EgressExpand shows the expansion in a split', shown)

say(('# done in %d ms'):format(ms()))
vim.lsp.stop_client(client.id)
vim.wait(2000, function() return not alive() end, 20)
finish()
