def import_urls(site):
    return []
