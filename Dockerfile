# Image for web and the setup job (see docker-compose.yml); built only from the project's own files.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir . && pip uninstall -y stuttgart-integration-kb
COPY . .
RUN python -c "import polib, glob; [polib.pofile(p).save_as_mofile(p[:-2] + 'mo') for p in glob.glob('kb/locale/*/LC_MESSAGES/*.po')]"
RUN useradd --create-home kb && mkdir -p /data/media /app/static && chown -R kb /data /app/static
USER kb
EXPOSE 8000
CMD ["gunicorn", "kb.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
