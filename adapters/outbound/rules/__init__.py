"""The rules language's parser, built with lark (LALR)."""
