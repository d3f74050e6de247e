-- HttpArena's raw-template mixes (async-db, crud), as its load generator gcannon plays them: requests take
-- turns over a list of templates, {RAND:lo:hi} in a template becomes a random integer in [lo, hi] per
-- request and {SEQ:start} a counter from start, and a connection is closed after a number of requests
-- (gcannon's -r). The script argument is "requests-per-connection|template;template;...", a template being
-- "[count*]METHOD target [body]": count repeats it in the turn (15*GET ... is 15 of the 20 crud templates),
-- and a body is sent as application/json.
--
-- wrk gives a script no handle on its connections, so "Connection: close" goes on every N-th request of a
-- thread rather than on each connection's N-th: over the run a connection still serves N requests on
-- average. Each thread counts SEQ from start itself: with several threads an id can be created twice,
-- the second time an upsert, as in every round of gcannon's after its first.
local templates = {}
local per_connection = 0
local next_index = 1
local sent = 0
local seq = 0

local function parse(template)
  local count, rest = template:match("^(%d+)%*(.*)$")
  local method, target, body = (rest or template):match("^(%u+) (%S+) ?(.*)$")
  return tonumber(count) or 1, { method = method, target = target, body = body ~= "" and body or nil }
end

function init(args)
  local limit, list = (args[1] or ""):match("^(%d+)|(.*)$")
  per_connection = tonumber(limit) or 0
  for template in (list or ""):gmatch("[^;]+") do
    local count, parsed = parse(template)
    for _ = 1, count do templates[#templates + 1] = parsed end
  end
  math.randomseed(os.time())
end

local function fill(text)
  text = text:gsub("{RAND:(%d+):(%d+)}", function(lo, hi) return tostring(math.random(tonumber(lo), tonumber(hi))) end)
  return (text:gsub("{SEQ:(%d+)}", function(start)
    seq = seq + 1
    return tostring(tonumber(start) + seq - 1)
  end))
end

function request()
  local t = templates[next_index]
  next_index = next_index % #templates + 1
  sent = sent + 1
  local headers = {}
  if per_connection > 0 and sent % per_connection == 0 then headers["Connection"] = "close" end
  local body = t.body and fill(t.body)
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(t.method, fill(t.target), headers, body)
end
