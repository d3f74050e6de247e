-- Every request asks the server to close: wrk then opens a new connection for the next one, and over
-- https that is a new full TLS handshake (wrk keeps no session to resume), so requests/s is handshakes/s.
wrk.headers["Connection"] = "close"
