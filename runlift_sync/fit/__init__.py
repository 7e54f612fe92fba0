"""FIT decoding: bytes in, runlift's own columnar tables out (fitparse is imported only here)."""

from runlift_sync.fit.decode import DecodedFit, decode_fit

__all__ = ["DecodedFit", "decode_fit"]
