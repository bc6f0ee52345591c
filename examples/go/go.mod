module csikit.example/quickstart

go 1.19
