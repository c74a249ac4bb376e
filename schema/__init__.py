"""The source-file and syndication-XML contracts, shipped inside the package."""
