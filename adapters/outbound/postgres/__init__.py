"""PostgreSQL adapters (asyncpg): unit of work, repositories, migrations, health probe."""
