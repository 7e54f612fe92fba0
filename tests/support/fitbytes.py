"""Byte-level helpers for FIT files in tests: the CRC, and re-sealing edited files."""

from __future__ import annotations

import struct

_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def fit_crc(data: bytes) -> int:
    """CRC-16 as the FIT protocol defines it (the nibble-table algorithm from the FIT SDK)."""
    crc = 0
    for byte in data:
        tmp = _CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ _CRC_TABLE[byte & 0xF]
        tmp = _CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ _CRC_TABLE[(byte >> 4) & 0xF]
    return crc


def reseal(data: bytes) -> bytes:
    """Recompute the trailing file CRC of a single (unchained) FIT file after editing it."""
    body = data[:-2]
    return body + struct.pack("<H", fit_crc(body))


def header_size(data: bytes) -> int:
    return data[0]
