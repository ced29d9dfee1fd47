"""The app driven from outside, as its users meet it: served for real on a free port
(``server``), read by Chromium until it is drawn (``rendering``) and judged for layout
(``layout``), spoken to over Streamlit's websocket (``wsclient``) and put under load
(``loadgen``). The browser tests, the benchmarks and the screenshot script share it."""
