#!/usr/bin/env sh
# Production start: apply migrations, then serve. Settings come from the environment.
set -eu
python -m bootstrap migrate
exec python -m bootstrap serve
