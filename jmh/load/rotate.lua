-- GETs that take turns over a list of targets, as HttpArena's rotating profiles do (json, json-comp,
-- static). The script argument is "target,target,...", optionally followed by "|Name: value" for one
-- header every request carries (e.g. "|Accept-Encoding: gzip, br"). Each connection starts at its own
-- place in the list, so all targets are asked for from the first second on.
local requests = {}
local next_index = 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

function init(args)
  local spec = args[1] or wrk.path
  local targets, header = spec:match("^([^|]*)|?(.*)$")
  local headers = {}
  if header ~= "" then
    local name, value = header:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  for target in targets:gmatch("[^,]+") do
    requests[#requests + 1] = wrk.format("GET", target, headers)
  end
  next_index = (offset or 0) % #requests + 1
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end
