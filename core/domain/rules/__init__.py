"""The strategy rules language: syntax tree, type checker, built-in kinds, and the reference
evaluator whose indicators equal pandas to the last bit. docs/rules.md is its reference."""
