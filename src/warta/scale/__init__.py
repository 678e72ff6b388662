"""Warta past one machine: the pipeline on Apache Spark (:mod:`warta.scale.spark_job`) and the
loader of its Parquet output into a store (:mod:`warta.scale.load`). pyspark is optional
(``pip install 'warta[spark]'``); nothing here imports it at module level except the job itself
when it runs."""
