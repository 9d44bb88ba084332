"""Uppföljning av ekonomi: the economy tables of a report and the requests (budgetjusteringar) behind them."""
