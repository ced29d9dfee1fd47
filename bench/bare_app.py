"""The yardstick for first-render times: a bare Streamlit page with one Plotly chart."""

import plotly.graph_objects as go
import streamlit as st

st.title("Bare page")
st.plotly_chart(go.Figure(go.Bar(x=["1994", "2024"], y=[4.7, 56])), key="chart-bare")
