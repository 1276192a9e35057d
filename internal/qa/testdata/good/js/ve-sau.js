// Draws a list after the page has loaded, as the search page draws its
// results: the browser gates must wait for it (PageOptions.Ready).
window.addEventListener('load', () => {
  setTimeout(() => {
    const ol = document.createElement('ol');
    ol.id = 've-sau';
    const li = document.createElement('li');
    li.textContent = 'Kết quả vẽ sau khi trang tải xong';
    ol.appendChild(li);
    document.querySelector('main').appendChild(ol);
  }, 300);
});
