-- EgressLsp for Neovim 0.7+ with the built-in LSP client (no plugins). Put egressctl on PATH, then
-- source this file from init.lua (or paste it there). It is the configuration the Neovim test runs.
local function root_of(buf)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
  local marker = vim.fn.findfile('egresslsp.yaml', dir .. ';')
  if marker == '' then marker = vim.fn.finddir('.git', dir .. ';') end
  return marker ~= '' and vim.fn.fnamemodify(marker, ':p:h:h') or vim.fn.getcwd()
end

local function config(buf)
  local root = root_of(buf)
  return {
    name = 'egresslsp',
    cmd = { 'egressctl', 'lsp', '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    -- Served by section to the server's workspace/configuration request.
    settings = { egressLsp = { target = 'istio-sidecar' } },
  }
end

-- Start (or reuse) the server for each YAML buffer: the server decides per document what it has to say.
local clients = {}
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args)
    local cfg = config(args.buf)
    if vim.lsp.start then -- Neovim 0.8+
      vim.lsp.start(cfg, { bufnr = args.buf })
      return
    end
    local id = clients[cfg.root_dir] -- Neovim 0.7: one client per root, attached to each buffer
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client(cfg)
      clients[cfg.root_dir] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})

-- The expansion in a read-only scratch split.
local function show_yaml(yaml)
  vim.cmd('vnew')
  local out = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(out, 0, -1, false, vim.split(yaml, '\n', { plain = true }))
  vim.bo[out].buftype, vim.bo[out].bufhidden, vim.bo[out].filetype = 'nofile', 'wipe', 'yaml'
  vim.bo[out].modifiable = false
end

local function expand(buf, command)
  local params = { command = command, arguments = { { uri = vim.uri_from_bufnr(buf) } } }
  vim.lsp.buf_request(buf, 'workspace/executeCommand', params, function(err, result)
    if err then
      vim.notify('EgressLsp: ' .. err.message, vim.log.levels.ERROR)
    elseif type(result) == 'string' then
      show_yaml(result)
    end
  end)
end

-- :EgressExpand shows the Istio resources the current policy stands for.
vim.api.nvim_create_user_command('EgressExpand', function() expand(vim.api.nvim_get_current_buf(), 'egressLsp.expand') end, {})

-- The "Expand to Istio resources" code action and the "Preview" code lens run these client-side commands.
vim.lsp.commands['egressLsp.showPreview'] = function(command, ctx)
  local arg = command.arguments and command.arguments[1]
  expand(arg and vim.uri_to_bufnr(arg.uri) or ctx.bufnr, 'egressLsp.showPreview')
end
vim.lsp.commands['egressLsp.copyExpansion'] = function(command, ctx)
  local params = { command = 'egressLsp.copyExpansion', arguments = command.arguments }
  vim.lsp.buf_request(ctx.bufnr, 'workspace/executeCommand', params, function(err, result)
    if err then vim.notify('EgressLsp: ' .. err.message, vim.log.levels.ERROR) else vim.fn.setreg('+', result) end
  end)
end
