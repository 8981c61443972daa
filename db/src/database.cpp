// placeholder until the session factory lands
