"""FastAPI dependencies: the app's shared objects, built once at start-up."""

from __future__ import annotations

from fastapi import Request

from bot.gateway import Gateway
from bot.render import Renderer
from bot.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_renderer(request: Request) -> Renderer:
    return request.app.state.renderer


def get_gateway(request: Request) -> Gateway:
    return request.app.state.gateway
