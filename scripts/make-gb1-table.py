#!/usr/bin/env python3
"""Writes src/ingest/pdf/adobe_gb1.bin: the Adobe-GB1 CID → Unicode table (horizontal
writing) that a Type0 font with a predefined CMap and no ToUnicode needs. Source: the
Adobe cmap-resources data as shipped by pdfminer.six (PyPI). Format: one little-endian
u16 per CID from 0 (0 = no BMP character); characters beyond the BMP are left out (the
report tables use none)."""
import gzip, json, os, sys
import pdfminer
path = os.path.join(os.path.dirname(pdfminer.__file__), "cmap", "to-unicode-Adobe-GB1.json.gz")
m = json.loads(gzip.open(path).read())["CID2UNICHR_H"]
table = {int(k): v for k, v in m.items()}
n = max(table) + 1
out = bytearray(2 * n)
for cid, s in table.items():
    if len(s) == 1 and ord(s) <= 0xFFFF:
        out[2 * cid:2 * cid + 2] = ord(s).to_bytes(2, "little")
dst = os.path.join(os.path.dirname(__file__), "..", "src", "ingest", "pdf", "adobe_gb1.bin")
open(dst, "wb").write(bytes(out))
print(f"{n} CIDs, {len(out)} bytes -> {os.path.normpath(dst)}", file=sys.stderr)

# GBK-EUC-H (which GB-EUC-H is part of): character code → CID, as runs of consecutive
# codes with consecutive CIDs, each run three little-endian u16 (first code, first CID,
# length). One-byte codes are below 0x100, two-byte codes lead << 8 | trail.
path = os.path.join(os.path.dirname(pdfminer.__file__), "cmap", "GBK-EUC-H.json.gz")
c2c = json.loads(gzip.open(path).read())["CODE2CID"]
pairs = []
for k, v in c2c.items():
    if isinstance(v, dict):
        for k2, cid in v.items():
            pairs.append((int(k) << 8 | int(k2), cid))
    else:
        pairs.append((int(k), v))
pairs.sort()
runs = []
for code, cid in pairs:
    if runs and runs[-1][0] + runs[-1][2] == code and runs[-1][1] + runs[-1][2] == cid:
        runs[-1][2] += 1
    else:
        runs.append([code, cid, 1])
out = bytearray()
for r in runs:
    for x in r:
        out += x.to_bytes(2, "little")
dst = os.path.join(os.path.dirname(__file__), "..", "src", "ingest", "pdf", "gbk_euc.bin")
open(dst, "wb").write(bytes(out))
print(f"GBK-EUC-H: {len(pairs)} codes in {len(runs)} runs, {len(out)} bytes -> {os.path.normpath(dst)}", file=sys.stderr)
