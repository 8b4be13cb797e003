"""The Python peer of bench/serve.sh: an MLflow-style scoring server for an XGBoost model file.

FastAPI + uvicorn (Debian's python3-fastapi, python3-uvicorn) serving POST /invocations the way MLflow's pyfunc
scoring server (mlflow/pyfunc/scoring_server) does for a model of the xgboost flavor, minus MLflow itself:

  * the body is read in an async endpoint and parsed with json.loads;
  * "dataframe_split" ({"columns": [...], "data": [[...]], "index"?}) or "dataframe_records" ([{col: value}, ...])
    becomes a pandas DataFrame (pd.DataFrame(data=..., columns=..., index=...) / pd.DataFrame(records));
  * the xgboost flavor's pyfunc wrapper predicts with Booster.predict(xgb.DMatrix(dataframe));
  * the answer is json.dumps({"predictions": [...]}) of the numpy result as a list, media type application/json.

MLflow's signature/schema enforcement is not done (the model has no signature), and uvicorn's access log is off
(`mlflow models serve` leaves it on), both in the peer's favour. GET /ping and /health answer 200 like MLflow's.

Usage: /usr/bin/python3 serve_fastapi.py --model MODEL.ubj --port PORT [--host 127.0.0.1] [--workers 1]
Prints "serve_fastapi ready ..." once the model is loaded; stops on SIGTERM/SIGINT.
"""

import argparse
import json
import os
import sys

import pandas as pd
import xgboost as xgb
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

MODEL_ENV = "GYRE_BENCH_SERVE_MODEL"

app = FastAPI()
_booster = None


def booster():
    # Loaded once per worker process (uvicorn --workers imports this module in each).
    global _booster
    if _booster is None:
        b = xgb.Booster()
        b.load_model(os.environ[MODEL_ENV])
        _booster = b
    return _booster


def to_dataframe(decoded):
    """MLflow's parsing of the two pandas formats (infer_and_parse_data / dataframe_from_parsed_json)."""
    if not isinstance(decoded, dict):
        raise ValueError("expected a JSON object with dataframe_split or dataframe_records")
    if "dataframe_split" in decoded:
        split = decoded["dataframe_split"]
        return pd.DataFrame(data=split["data"], columns=split.get("columns"), index=split.get("index"))
    if "dataframe_records" in decoded:
        return pd.DataFrame(decoded["dataframe_records"])
    raise ValueError("expected dataframe_split or dataframe_records")


@app.on_event("startup")
def load_model():
    booster()


@app.get("/ping")
@app.get("/health")
async def ping():
    return Response(content="\n", status_code=200, media_type="application/json")


@app.post("/invocations")
async def invocations(request: Request):
    body = await request.body()
    try:
        df = to_dataframe(json.loads(body))
    except (ValueError, KeyError, TypeError) as e:
        return JSONResponse({"error_code": "BAD_REQUEST", "message": str(e)}, status_code=400)
    predictions = booster().predict(xgb.DMatrix(df))
    return Response(content=json.dumps({"predictions": predictions.tolist()}), status_code=200,
                    media_type="application/json")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    os.environ[MODEL_ENV] = os.path.abspath(args.model)
    booster()  # fail early on a bad model file
    import uvicorn
    print(f"serve_fastapi ready model={args.model} workers={args.workers} fastapi={sys.modules['fastapi'].__version__}"
          f" uvicorn={uvicorn.__version__} xgboost={xgb.__version__} pandas={pd.__version__}", flush=True)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    uvicorn.run("serve_fastapi:app", host=args.host, port=args.port, workers=args.workers, log_level="warning",
                access_log=False)


if __name__ == "__main__":
    main()
