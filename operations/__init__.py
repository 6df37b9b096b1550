"""Operations: the health check, and backup and restore of the database and media."""
