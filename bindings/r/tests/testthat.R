library(testthat)
library(csikit)
test_check("csikit")
