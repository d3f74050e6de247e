// The chat page: one WebSocket to /ws/chat/{room} (room from ?room=, default "lobby"). Every line typed is
// sent as one text message; every text message received is a line of the room, our own included.
// The server clock comes from the SSE stream /events/clock: each event's data is the time.
(() => {
  const room = new URLSearchParams(location.search).get('room') || 'lobby';
  const messages = document.getElementById('messages');
  const input = document.getElementById('input');
  const send = document.getElementById('send');
  const status = document.getElementById('status');
  document.getElementById('room').textContent = '#' + room;

  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(scheme + '//' + location.host + '/ws/chat/' + encodeURIComponent(room));
  socket.addEventListener('open', () => { status.textContent = 'connected'; send.disabled = false; });
  socket.addEventListener('close', e => {
    status.textContent = 'disconnected (' + e.code + ')';
    send.disabled = true;
  });
  socket.addEventListener('message', e => {
    const li = document.createElement('li');
    li.textContent = e.data;
    messages.appendChild(li);
    messages.scrollTop = messages.scrollHeight;
  });

  document.getElementById('compose').addEventListener('submit', e => {
    e.preventDefault();
    if (input.value && socket.readyState === WebSocket.OPEN) {
      socket.send(input.value);
      input.value = '';
    }
  });

  const clock = document.getElementById('clock');
  new EventSource('/events/clock').addEventListener('message', e => { clock.textContent = e.data; });
})();
