-- Pipelined GETs, as in TechEmpower's plaintext test: every write carries `depth` copies of the
-- request (first script argument, default 16). wrk counts the requests in what request() returns
-- and waits for that many responses before the connection writes again, so latency is per batch.
local depth = 16
local batch

function init(args)
  depth = tonumber(args[1]) or depth
  local requests = {}
  for i = 1, depth do
    requests[i] = wrk.format()
  end
  batch = table.concat(requests)
end

function request()
  return batch
end
