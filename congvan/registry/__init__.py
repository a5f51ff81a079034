"""Dated registries and the data behind them, in data/.

provinces (the provincial-level units by date), agencies (central agencies and their ký
hiệu by date), levels (an agency's kind and level, its địa danh, and the defaults of the
letters each kind writes: cap_co_quan.csv, linh_vuc.csv, so_tinh.csv).
"""
