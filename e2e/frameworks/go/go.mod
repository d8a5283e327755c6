module nocontent/frameworks/nethttp

go 1.19
