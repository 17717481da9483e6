"""Supabase authentication: JWT verification (HS256 secret, RS256/ES256 via JWKS) and minting.

Built on joserfc, the JOSE package of the Authlib project: `authlib.jose` now warns that it is
deprecated in favour of joserfc, which Authlib itself depends on.
"""
