from . import aql, hash_chain, risk, xlsx
