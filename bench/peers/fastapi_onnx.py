"""The peer of `npm run bench:gateway`: FastAPI + uvicorn (uvloop, httptools) + ONNX Runtime serving
the same ONNX model with the same API as the Vigie gateway (POST /v1/models/bench/predict with
{"rows": [...]}, answering {"modelVersion", "predictions": [{"id", "label", "probabilities"}]}).

    python bench/peers/fastapi_onnx.py MODEL.onnx PORT FEATURES CLASSES   (comma-separated lists)

One process, one event loop (as the gateway): the model runs in the handler (`async def`, no
thread pool hop), the body is read with `request.json()` rather than a pydantic model, which is the
fastest way FastAPI offers; ids are UUIDv4 (Python 3.11 has no UUIDv7). Prints READY when listening.
"""
import contextlib
import sys
import uuid

import numpy as np
import onnxruntime as ort
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

model_path, port, features, classes = sys.argv[1:]
features = features.split(",")
classes = classes.split(",")
options = ort.SessionOptions()
options.intra_op_num_threads = 1
options.inter_op_num_threads = 1
session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
input_name = session.get_inputs()[0].name
outputs = [o.name for o in session.get_outputs()]


@contextlib.asynccontextmanager
async def lifespan(_app):
    print("READY", flush=True)
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/v1/models/bench/predict")
async def predict(request: Request):
    body = await request.json()
    rows = body.get("rows") if isinstance(body, dict) else None
    if not isinstance(rows, list) or not rows:
        return JSONResponse({"error": {"code": "INVALID_INPUT", "message": "rows"}}, status_code=400)
    try:
        x = np.array([[float(r[f]) for f in features] for r in rows], dtype=np.float32)
    except (KeyError, TypeError, ValueError):
        return JSONResponse({"error": {"code": "INVALID_INPUT", "message": "rows"}}, status_code=400)
    labels, probabilities = session.run(outputs, {input_name: x})
    predictions = []
    for label, p in zip(labels, probabilities):
        predictions.append(
            {"id": str(uuid.uuid4()), "label": str(label), "probabilities": {c: float(q) for c, q in zip(classes, p)}}
        )
    return {"modelVersion": "bench@1", "predictions": predictions}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning", access_log=False, loop="uvloop", http="httptools")
