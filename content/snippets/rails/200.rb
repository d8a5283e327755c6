def show
  render json: { id: params[:id].to_i, title: "Silence" }, status: :ok
end
