from . import hash_chain
